package com.penguinmails.analytics.rollups;

/** A query grouping or filtering by dimensions whose combination is not kept (see {@link DimensionSet#KEPT}). */
public final class UnkeptDimensionsException extends IllegalArgumentException {

    public UnkeptDimensionsException(String asked) {
        super("Counters are not kept by " + asked + ". Group and filter by one of: " + DimensionSet.keptWireNames() + ".");
    }
}
