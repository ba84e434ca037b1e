// The file side of the app: images in and out, folders scanned, model folders saved and loaded.
export { FileError, reasonOf } from './file-error';
export type { AlphaPlane, BitDepth, EmbeddedMetadata, GeoTag, ImageFormat, SourceInfo } from './source-info';
export { DEFAULT_MAX_PIXELS, probeImage, type ImageProbe, type ReadOptions } from './probe-image';
export { readImage, type ReadResult } from './read-image';
export { writeImage, type WriteOptions, type WriteResult } from './write-image';
export type { TiffCompression } from './encode-with-sharp';
export { scanFolder, type FileFailure, type FolderScan, type ScanOptions } from './scan-folder';
export { hasImageName } from '../shared/image-name';
export { writeFileAtomic, numberedName } from './atomic-file';
export { saveModel, type SaveModelOptions } from './save-model';
export { loadModel } from './load-model';
export { MODEL_FILES, type ModelFolder } from './model-files';
export { closeMetadataTool } from './copy-metadata';
export { removeLeftovers } from './leftovers';
export { openBandReader, type BandReader, type BandReadOptions } from './read-window';
export { openBandWriter, type BandWriter } from './write-stream';
