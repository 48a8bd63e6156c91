/**
 * The service's own threads for delayed and periodic work (no-show release, door keys, reports, the daily jobs), made
 * and stopped in one way: once stopped, nothing that was waiting runs, and what is running is given time to finish
 * before the database closes under it.
 */
package org.linli.central.timers;
