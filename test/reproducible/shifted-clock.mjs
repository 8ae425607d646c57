// Preloaded with `node --import` into a build that must not depend on when it runs: every
// reading of the clock, in the main thread and in worker threads, is 31 years ahead.
const RealDate = Date;
const offset = RealDate.UTC(2057, 0, 1) - RealDate.now();

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offset;
  }
}

globalThis.Date = ShiftedDate;
