package org.linli.central.events;

/**
 * {@code call}: a counter calls a ticket (again, when {@code recall}); boards show and speak it.
 *
 * @param number the ticket's number as shown, e.g. {@code A023}
 * @param ticket the ticket's id; null in the {@link #publicView} (it is the ticket's only permission)
 */
public record CallEvent(String hub, String counter, String service, String number, String ticket, boolean recall)
        implements Event {

    @Override
    public String eventName() {
        return "call";
    }

    @Override
    public CallEvent publicView() {
        return new CallEvent(hub, counter, service, number, null, recall);
    }
}
