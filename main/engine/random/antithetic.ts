import { Rng } from './rng';

/** Records the variates it hands out, per segment (one segment per pixel, opened by `mark`). */
export class RecordingRng extends Rng {
  readonly normals: number[] = [];
  readonly uniforms: number[] = [];
  readonly marks: number[] = [];
  private inNormal = false;

  override mark(): void {
    this.marks.push(this.normals.length, this.uniforms.length);
  }

  override uniform(): number {
    const u = super.uniform();
    if (!this.inNormal) this.uniforms.push(u);
    return u;
  }

  override normal(): number {
    this.inNormal = true;
    const z = super.normal();
    this.inNormal = false;
    this.normals.push(z);
    return z;
  }
}

/**
 * Replays a recording mirrored (u -> 1 - u, z -> -z; acceptance uniforms as they were), segment by segment, then
 * fresh variates where a segment runs out: every draw is still exact (a mirrored iid stream is iid), and strongly
 * anticorrelated with the original.
 */
export class MirroredRng extends Rng {
  private segment = -1;
  private n = 0;
  private nEnd = 0;
  private u = 0;
  private uEnd = 0;
  private inNormal = false;

  constructor(
    private readonly recording: RecordingRng,
    seed: number,
  ) {
    super(seed);
  }

  override mark(): void {
    const { marks, normals, uniforms } = this.recording;
    this.segment++;
    const at = 2 * this.segment;
    this.n = marks[at] ?? normals.length;
    this.u = marks[at + 1] ?? uniforms.length;
    this.nEnd = marks[at + 2] ?? normals.length;
    this.uEnd = marks[at + 3] ?? uniforms.length;
  }

  override uniform(): number {
    if (!this.inNormal && this.u < this.uEnd) return 1 - this.recording.uniforms[this.u++]!;
    return super.uniform();
  }

  override acceptance(): number {
    if (this.u < this.uEnd) return this.recording.uniforms[this.u++]!;
    return super.uniform();
  }

  override normal(): number {
    if (this.n < this.nEnd) return -this.recording.normals[this.n++]!;
    this.inNormal = true;
    const z = super.normal();
    this.inNormal = false;
    return z;
  }
}
