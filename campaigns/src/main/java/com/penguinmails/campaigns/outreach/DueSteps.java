package com.penguinmails.campaigns.outreach;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sequencer's calendar: due steps by the UTC hour they fall in, so a run reads only the hours since its last one.
 * A paused campaign's due steps are set aside under the campaign and put back on resume.
 */
public interface DueSteps {

    void schedule(DueStep step);

    /** Steps of the hour starting at {@code hour} that are due by {@code upTo}, earliest first, at most {@code limit}. */
    List<DueStep> due(Instant hour, Instant upTo, int limit);

    void remove(DueStep step);

    /** Sets a step aside while its campaign is paused (and takes it off the calendar). */
    void hold(DueStep step);

    /** The steps set aside for a campaign, each taken off the hold as it is returned to the caller to reschedule. */
    List<DueStep> held(String workspaceId, String campaignId);

    void release(DueStep step);

    /** The first hour the next run has to read (every earlier hour was read empty). */
    Optional<Instant> watermark();

    void advanceWatermark(Instant hour);
}
