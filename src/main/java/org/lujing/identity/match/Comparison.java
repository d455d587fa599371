package org.lujing.identity.match;

/** One field's comparison in a scored pair: its level and the weight (bits) that level carried. No values. */
public record Comparison(Level level, double weight) {}
