package org.originhub.hub.lifecycle.control;

import org.originhub.hub.lifecycle.entity.CoKey;
import org.originhub.hub.lifecycle.entity.DocumentStatus;

/**
 * One status change a document made to one CO, as the audit records it.
 *
 * @param co the CO changed
 * @param previous its status before, null for a CO the document issued
 * @param next its status now
 * @param detail the change in words, e.g. "ISSUED->ACCEPTED" or "->ISSUED agreement=EAC importer=TZ"
 */
public record LifecycleChange(CoKey co, DocumentStatus previous, DocumentStatus next, String detail) {
}
