package org.lujing.console;

/**
 * Marks the JSON API's controllers, one per resource under {@code /api}, so that {@link ApiErrorAdvice} answers
 * their refusals as JSON and leaves the pages' errors to the pages.
 */
interface ApiResource {}
