/**
 * What the hub nodes share through the data grid of Payara Micro (Hazelcast), and the only package that talks to it:
 * each node publishes its incarnation (name and start id) to the others, registry changes committed on one node are
 * announced to the others (which fire {@link org.originhub.registry.events.RegistryChangedElsewhere}), and the
 * delivery claims of a node that leaves the grid are released by the survivors at once. The grid is memory only and
 * carries signals, never state: the database stays the truth. The single node ({@code --nocluster}) is a grid of one
 * member that nobody joins, and without Hazelcast ({@code --nohazelcast}) nothing here runs: either way every
 * node-local behaviour stays as it is.
 */
package org.originhub.hub.cluster;
