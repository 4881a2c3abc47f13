package org.dropoutrepro.spec;

/** What the network predicts: a class (softmax, error rate) or a real number (identity output, mean squared error). */
public enum Task { CLASSIFICATION, REGRESSION }
