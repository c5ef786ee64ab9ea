/** The {@code pgm4j} command line: inspect PGM packets today; send, receive, bench and stat as the engine lands. */
package org.pgm4j.cli;
