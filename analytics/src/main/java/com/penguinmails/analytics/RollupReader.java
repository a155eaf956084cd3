package com.penguinmails.analytics;

import java.util.List;

/** Reads the roll-ups: every bucket in the range that has counts, per group, oldest first. */
public interface RollupReader {

    List<RollupRow> read(RollupQuery query);
}
