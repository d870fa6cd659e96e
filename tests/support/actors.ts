// The same lookup the command-line tools use.
export { actorFor } from "~/auth/actor.server";
