/**
 * Why the service refuses a request, in the features' own terms: something is not found, not allowed, breaks a rule
 * of the hub, clashes with what is already there, or is malformed. Features throw these (or their own subclasses,
 * such as {@code booking.SlotTakenException}); {@code web.Problems} alone turns them into HTTP problem details.
 */
package org.linli.central.errors;
