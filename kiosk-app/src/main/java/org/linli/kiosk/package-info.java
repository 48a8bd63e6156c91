/** The lobby kiosk: check-in, bookings, queue tickets, activities, ratings. */
package org.linli.kiosk;
