package org.dropoutrepro.train;

/** How a run ended: all epochs trained, or stopped because the loss became NaN or infinite. */
public enum RunStatus { COMPLETED, DIVERGED }
