package com.penguinmails.campaigns.outreach;

import java.util.List;
import java.util.Map;

/**
 * Where a campaign's contacts are, counted from their enrollments: how many in each state, why the stopped ones
 * stopped, and per step how many got each variant, were skipped by the step's condition, or were given the task.
 */
public record CampaignProgress(int contacts, Map<String, Integer> byStatus, Map<String, Integer> stopped, List<StepProgress> steps) {

    /** One step: contacts it reached, by variant id (or "skipped", "task"); {@code waiting} have it next. */
    public record StepProgress(int step, String type, Map<String, Integer> outcomes, int waiting) {}
}
