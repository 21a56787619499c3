/**
 * Member states: the parties of the community, by ISO 3166-1 alpha-2 code. Life cycle: ACTIVE, SUSPENDED (no
 * exchange, reversible), WITHDRAWN (final). Only an active member may send or receive.
 */
package org.originhub.registry.memberstates;
