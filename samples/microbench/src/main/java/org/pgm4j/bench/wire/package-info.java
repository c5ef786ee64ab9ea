/**
 * JMH microbenchmarks of the wire codec's hot paths: validating, encoding and checksumming PGM packets.
 */
package org.pgm4j.bench.wire;
