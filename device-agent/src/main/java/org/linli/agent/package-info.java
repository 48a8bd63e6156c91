/** The device agent at a room door: sensors, lock, door reader, MQTT reporting. */
package org.linli.agent;
