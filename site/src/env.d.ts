declare namespace App {
  interface Locals {
    /** Set by the middleware on the members' space pages. */
    space?: import('./lib/space/context').SpaceContext;
  }
}
