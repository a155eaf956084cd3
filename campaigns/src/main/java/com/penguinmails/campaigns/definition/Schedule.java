package com.penguinmails.campaigns.definition;

import com.penguinmails.sending.mailboxes.SendingWindow;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Set;

/**
 * When a campaign's emails may go out: days and hours, in the campaign's zone or in each contact's own zone (with
 * the campaign's zone for contacts whose zone is unknown).
 */
public record Schedule(Set<DayOfWeek> days, int startMinute, int endMinute, ZoneId zone, boolean contactTimeZone) {

    public Schedule {
        days = Set.copyOf(days);
    }

    public SendingWindow windowFor(ZoneId contactZone) {
        return new SendingWindow(contactTimeZone && contactZone != null ? contactZone : zone, days, startMinute, endMinute);
    }
}
