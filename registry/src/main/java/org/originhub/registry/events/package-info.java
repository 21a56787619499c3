/**
 * What the registry tells the rest of the hub. Every registry boundary fires exactly one {@link
 * org.originhub.registry.events.RegistryChanged} per change or decision, synchronously, inside its transaction:
 * the audit log (hub-ejb) records it and the directory serial moves on, so nothing commits unrecorded and nothing is
 * recorded that did not commit. The registry never imports hub-ejb; these events are how the arrow points back up.
 */
package org.originhub.registry.events;
