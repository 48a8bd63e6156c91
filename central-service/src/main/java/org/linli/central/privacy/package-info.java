/**
 * What a hub owes a resident under PIPL, at its counter: what Linli keeps about them (looked up by the phone they
 * give), the same as a file for them, lifting their no-show block, and erasing them.
 */
package org.linli.central.privacy;
