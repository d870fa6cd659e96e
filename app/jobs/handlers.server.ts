/**
 * Registers every outbox topic's handler. Imported once by the process that runs the worker
 * (scripts/start.ts), so delivery code is in one place.
 */
import "~/notifications/notify.server";
import "~/matching/triggers.server";
import "~/search/register.server";
