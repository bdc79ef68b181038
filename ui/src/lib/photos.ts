// How a photo on a field note is described beside it: its pixels and size, and when and where it
// was taken when the juror kept the camera's time and place.
import type { NotePhotoView } from './api';
import { formatDate, formatSize, type Locale } from './i18n';

/** The photos a note may carry (as the bundle format allows). */
export const MAX_NOTE_PHOTOS = 10;

/** The photo files the juror may pick. HEIC is offered too, so that the refusal can say what to do
 *  instead of the file staying invisible in the dialog. */
export const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'heic', 'heif'];

/** `1600 × 1200 px`. */
export function photoPixels(photo: Pick<NotePhotoView, 'width' | 'height'>): string {
  return `${photo.width} × ${photo.height} px`;
}

/**
 * When a photo was taken, as the camera's clock said (no time zone is applied):
 * "30 November 2026 10.15" in Indonesian, "30 November 2026 10:15" in English.
 */
export function photoTime(takenAt: string, locale: Locale): string {
  const date = formatDate(takenAt.slice(0, 10), locale);
  const time = /^\d{2}:\d{2}/.exec(takenAt.slice(11))?.[0];
  if (!time) return date;
  return `${date} ${locale === 'id' ? time.replace(':', '.') : time}`;
}

/** Where a photo was taken, latitude and longitude to five decimals (about a metre), as map
 *  programs accept them: `-10.17720, 123.60700`. */
export function photoPlace(location: string): string {
  const parts = location.split(',').map((part) => Number(part.trim()));
  const [latitude, longitude] = parts;
  if (parts.length !== 2 || latitude === undefined || longitude === undefined) return location;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return location;
  return `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
}

/** Everything known of a photo on one line: pixels, size, and time and place when kept. */
export function photoCaption(photo: NotePhotoView, locale: Locale): string {
  const parts = [photoPixels(photo), formatSize(photo.size, locale)];
  if (photo.taken_at) parts.push(photoTime(photo.taken_at, locale));
  if (photo.location) parts.push(photoPlace(photo.location));
  return parts.join(' · ');
}
