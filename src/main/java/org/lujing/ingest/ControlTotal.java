package org.lujing.ingest;

/** A total row a file states about itself (合计：25人次): the count it declares and its (masked) text. */
record ControlTotal(long fileId, String sheet, int rowNo, Integer declaredCount, String rowText) {}
