// The part of UTIF.js (photopea) that reads raw pixel data; it ships no types.
declare module 'utif' {
  interface UtifIfd {
    [tag: `t${number}`]: number[] | string[] | undefined;
    subIFD?: UtifIfd[];
    width?: number;
    height?: number;
    isLE?: boolean;
    data?: Uint8Array;
  }
  const UTIF: {
    decode(buffer: ArrayBuffer | Uint8Array): UtifIfd[];
    decodeImage(buffer: ArrayBuffer | Uint8Array, ifd: UtifIfd, ifds?: UtifIfd[]): void;
    /** A lossless JPEG (SOF3) stream's samples in scan order. */
    LosslessJpegDecode(buffer: Uint8Array): Uint16Array | number[];
  };
  export default UTIF;
  export type { UtifIfd };
}
