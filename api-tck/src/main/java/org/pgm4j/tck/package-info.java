/** The provider-neutral Jakarta Messaging conformance suite's contract with the provider under test. */
package org.pgm4j.tck;
