package com.penguinmails.campaigns.definition;

import com.penguinmails.campaigns.contacts.ContactFilter;
import java.util.List;

/** Who a campaign mails: the contacts named, or a segment (tags and field values) resolved at launch. */
public record Audience(List<String> contactIds, ContactFilter segment) {

    public Audience {
        contactIds = contactIds == null ? null : List.copyOf(contactIds);
    }

    public boolean named() {
        return contactIds != null;
    }
}
