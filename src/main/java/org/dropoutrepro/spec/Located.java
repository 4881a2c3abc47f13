package org.dropoutrepro.spec;

/** A raw spec value and where it came from ("experiments/x.yaml:12", or an override's origin). */
public record Located(Object value, String where) {
}
