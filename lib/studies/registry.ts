/**
 * The studies `logitlab reproduce` runs, each on its bundled defaults, writing to `<out>/<name>/`.
 * A study adds itself here when it lands.
 */
export interface Study {
  name: string;
  reproduce(outRoot: string): Promise<void>;
}

export const studies: Study[] = [];
