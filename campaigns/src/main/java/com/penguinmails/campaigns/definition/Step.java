package com.penguinmails.campaigns.definition;

import com.penguinmails.campaigns.sequences.StepDelay;
import java.util.List;

/**
 * One step of a campaign's sequence, numbered from 1.
 *
 * @param delay     how long after the contact's previous step (after launch, for step 1)
 * @param variants  an email step's versions (one or more); none for a task
 * @param channel   a task's channel (linkedin, call, ...); null for an email
 * @param task      what the task asks a person to do, shown with it; null for an email
 */
public record Step(int number, StepKind kind, StepDelay delay, StepCondition condition, List<Variant> variants, String channel, String task) {

    public Step {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** The variant a contact gets: the same one every time for the same contact, shares following the weights. */
    public Variant variantFor(String contactId) {
        int total = variants.stream().mapToInt(Variant::weight).sum();
        int point = Math.floorMod((contactId + "#" + number).hashCode(), total);
        for (Variant variant : variants) {
            point -= variant.weight();
            if (point < 0) {
                return variant;
            }
        }
        return variants.get(variants.size() - 1);
    }
}
