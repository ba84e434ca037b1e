const IMAGE_NAME = /\.(png|jpe?g|tiff?|gif|webp|bmp|heic|heif|avif|jp2|dng|gpr|nef|cr2|cr3|arw|orf|rw2|raf|pef|srw)$/i;

/** Whether a file's name says it is an image (a folder's scan also sniffs the content of the others). */
export function hasImageName(file: string): boolean {
  return IMAGE_NAME.test(file);
}
