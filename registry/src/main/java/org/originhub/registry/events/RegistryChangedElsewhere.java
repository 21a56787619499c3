package org.originhub.registry.events;

/**
 * Another hub node committed a registry change, or this node cannot be sure it saw every change (it rejoined the data
 * grid after a split). Fired on this node by the data-grid relay (hub-ejb), never by the registry itself: whatever this
 * node keeps of the registry in memory must be read again before its next use.
 *
 * @param node the public name of the node the change came from, or of this node when it rejoined
 * @param reason what happened, for the log: a change committed elsewhere, or a rejoin
 */
public record RegistryChangedElsewhere(String node, String reason) {
}
