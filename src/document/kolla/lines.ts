/** The lines of the files kolla-ansible would write, each with the repository place it comes from. */
import type { Location } from "../../model/location.js";

/** One line of a rendered file and where it comes from. */
export interface RenderedLine {
  text: string;
  /** The repository place the line is reported at. */
  at: Location;
  /** Whether `at` is the line itself, copied (so its columns hold), rather than the line that decided it. */
  copied: boolean;
  /** Other repository lines that took part (a variable the deciding one refers to). */
  related: Location[];
}
