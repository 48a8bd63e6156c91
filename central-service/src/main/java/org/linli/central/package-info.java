/** The central service: REST API, booking and queue rules, MQTT ingestion, dashboards. */
package org.linli.central;
