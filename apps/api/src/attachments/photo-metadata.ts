/**
 * What a photo tells about itself: when it was shot (EXIF DateTimeOriginal, so a photo taken months ago shows
 * as such beside its upload time) and where (EXIF GPS, kept for the 督查室), read with exifr from the spooled
 * file; and a small thumbnail for the web pages, made with sharp — which writes no metadata unless asked, so
 * the thumbnail carries no GPS position (nor any other EXIF).
 */
import type ExifrModule from 'exifr';
import type SharpModule from 'sharp';
import type { AttachmentMediaType } from '@app/domain';

/** sharp (native libvips) and exifr load with the first photo, not with every process that imports the API. */
interface Imaging {
  sharp: typeof SharpModule;
  exifr: typeof ExifrModule;
}
let loaded: Promise<Imaging> | undefined;
function imaging(): Promise<Imaging> {
  loaded ??= Promise.all([import('sharp'), import('exifr')]).then(([sharpModule, exifrModule]) => {
    const sharp = sharpModule.default;
    // One image at a time and no cache: twenty uploads at once must not each hold a decoded image.
    sharp.concurrency(1);
    sharp.cache(false);
    return { sharp, exifr: exifrModule.default };
  });
  return loaded;
}

export const THUMBNAIL_SIZE = 480;
const PHOTO_TYPES: ReadonlySet<AttachmentMediaType> = new Set(['image/jpeg', 'image/png', 'image/heic']);

export interface PhotoMetadata {
  shotAt: Date | null;
  gps: { latitude: number; longitude: number } | null;
}

/** 'YYYY:MM:DD HH:MM:SS' with an optional '+08:00'; without one it is taken as Asia/Shanghai (the district's time). */
export function exifInstant(value: unknown, offset: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '+08:00';
  const [, y, mo, d, h, mi, s] = match;
  const instant = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  return Number.isNaN(instant.getTime()) || Number(y) < 1990 ? null : instant;
}

export function isPhoto(mediaType: AttachmentMediaType): boolean {
  return PHOTO_TYPES.has(mediaType);
}

export async function readPhotoMetadata(path: string): Promise<PhotoMetadata> {
  const { exifr } = await imaging();
  try {
    const tags = await exifr.parse(path, { tiff: true, exif: true, gps: true, reviveValues: false, pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'] });
    const latitude = typeof tags?.latitude === 'number' && Number.isFinite(tags.latitude) ? tags.latitude : null;
    const longitude = typeof tags?.longitude === 'number' && Number.isFinite(tags.longitude) ? tags.longitude : null;
    return {
      shotAt: exifInstant(tags?.DateTimeOriginal, tags?.OffsetTimeOriginal),
      gps: latitude !== null && longitude !== null ? { latitude, longitude } : null,
    };
  } catch {
    // A photo without (or with damaged) EXIF is still a photo.
    return { shotAt: null, gps: null };
  }
}

/** A JPEG of at most THUMBNAIL_SIZE px, turned upright, without metadata; null when sharp cannot decode it (e.g. HEVC HEIC). */
export async function makeThumbnail(path: string): Promise<Buffer | null> {
  const { sharp } = await imaging();
  try {
    return await sharp(path, { limitInputPixels: 100_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 78, mozjpeg: true })
      .toBuffer();
  } catch {
    return null;
  }
}
