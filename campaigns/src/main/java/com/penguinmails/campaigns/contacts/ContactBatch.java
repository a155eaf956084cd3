package com.penguinmails.campaigns.contacts;

import java.util.List;

/** The outcome of saving one or more contacts: counts first, then every item's result in the order given. */
public record ContactBatch(long created, long updated, long rejected, List<ContactResult> results) {

    public static ContactBatch of(List<ContactResult> results) {
        return new ContactBatch(count(results, ContactResult.Status.created), count(results, ContactResult.Status.updated),
                count(results, ContactResult.Status.rejected), List.copyOf(results));
    }

    private static long count(List<ContactResult> results, ContactResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
