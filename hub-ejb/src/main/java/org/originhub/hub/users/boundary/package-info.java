/**
 * What the rest of the hub may call: {@link org.originhub.hub.users.boundary.Users} (authentication and user
 * administration, each method with its own role), {@link org.originhub.hub.users.boundary.FirstAdministrator} (the
 * bootstrap on an empty database), the DTOs they return (never a password hash), the exceptions they throw, and the
 * {@link org.originhub.hub.users.boundary.UserEvent}s they fire synchronously inside their transaction.
 */
package org.originhub.hub.users.boundary;
