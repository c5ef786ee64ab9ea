package org.pgm4j.tck;

import jakarta.jms.ConnectionFactory;
import java.util.Set;

/**
 * The provider the conformance suite runs against, found through {@link java.util.ServiceLoader}. A binding creates
 * connection factories and topic names that no other test shares, says which optional features its provider has,
 * and releases everything on {@link #close()}. Tests see only {@code jakarta.jms} and this interface.
 */
public interface ProviderUnderTest extends AutoCloseable {

    /** Optional parts of Jakarta Messaging that a broker-less provider may lack. */
    enum Capability {
        /** Point-to-point queues. */
        QUEUES,
        /** Durable topic subscriptions. */
        DURABLE_SUBSCRIPTIONS,
        /** Distributed (XA) transactions. */
        XA
    }

    /** A short name for reports, such as {@code pgm4j} or {@code artemis}. */
    String name();

    /** A connection factory for the provider under test. */
    ConnectionFactory connectionFactory() throws Exception;

    /** A topic name that no other test uses, derived from {@code testName}. */
    String uniqueTopicName(String testName);

    /** The optional features the provider supports; the suite tests the others for their clear exceptions. */
    Set<Capability> capabilities();
}
