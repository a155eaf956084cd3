package com.penguinmails.core.events;

import java.time.LocalDate;

/**
 * The {@code data} of {@code warmup.stepped}: the daily warmup run's decision for a resource (ADVANCED, HELD,
 * STEPPED_BACK, PAUSED, REWARMED, COMPLETE) on {@code day}, the step it is on and the cap from then on.
 *
 * @param resourceType {@code ip} or {@code mailbox}
 */
public record WarmupSteppedData(String resourceId, String resourceType, LocalDate day, int step, long cap, String decision,
                                String reason) {
}
