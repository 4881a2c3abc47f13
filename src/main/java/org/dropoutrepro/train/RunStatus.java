package org.dropoutrepro.train;

/**
 * How a run ended: all epochs trained; stopped because the loss became NaN or infinite; or stopped early
 * by its caller after an epoch (a search's pruning rule), with the epochs trained so far and no test error.
 */
public enum RunStatus { COMPLETED, DIVERGED, STOPPED }
