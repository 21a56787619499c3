/**
 * JPA plumbing shared by every module that persists entities (registry and hub-ejb): attribute converters that
 * EclipseLink 4 lacks. No entities live here.
 */
package org.originhub.registry.persistence;
