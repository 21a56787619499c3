/**
 * The kinds of failure every registry operation can end in. Each edge (REST, SOAP, console) maps these base types
 * once to its own form (HTTP status, SOAP fault, message); the specific subclasses name what exactly went wrong.
 */
package org.originhub.registry.errors;
