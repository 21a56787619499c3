/**
 * Agreements (FTAs / PTAs) and their parties. Two members may exchange COs under an agreement only while both are
 * parties to it and it is in force; {@link org.originhub.registry.agreements.entity.Agreement#allowsExchange} is
 * that rule, and the exchange's routing asks it.
 */
package org.originhub.registry.agreements;
