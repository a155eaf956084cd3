package com.penguinmails.campaigns.testing;

import com.penguinmails.campaigns.outreach.DueStep;
import com.penguinmails.campaigns.outreach.DueSteps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The calendar as two sets: scheduled and held. */
public final class InMemoryDueSteps implements DueSteps {

    public final Set<DueStep> scheduled = ConcurrentHashMap.newKeySet();
    public final Set<DueStep> held = ConcurrentHashMap.newKeySet();
    private volatile Instant watermark;

    @Override
    public void schedule(DueStep step) {
        scheduled.add(step);
    }

    @Override
    public List<DueStep> due(Instant hour, Instant upTo, int limit) {
        Instant end = hour.plus(Duration.ofHours(1));
        return scheduled.stream().filter(s -> !s.dueAt().isBefore(hour) && s.dueAt().isBefore(end) && !s.dueAt().isAfter(upTo))
                .sorted(Comparator.comparing(DueStep::dueAt)).limit(limit).toList();
    }

    @Override
    public void remove(DueStep step) {
        scheduled.remove(step);
    }

    @Override
    public void hold(DueStep step) {
        held.add(step);
        scheduled.remove(step);
    }

    @Override
    public List<DueStep> held(String workspaceId, String campaignId) {
        return held.stream().filter(s -> s.workspaceId().equals(workspaceId) && s.campaignId().equals(campaignId)).toList();
    }

    @Override
    public void release(DueStep step) {
        held.remove(step);
    }

    @Override
    public Optional<Instant> watermark() {
        return Optional.ofNullable(watermark);
    }

    @Override
    public void advanceWatermark(Instant hour) {
        if (watermark == null || hour.isAfter(watermark)) {
            watermark = hour.truncatedTo(ChronoUnit.HOURS);
        }
    }
}
