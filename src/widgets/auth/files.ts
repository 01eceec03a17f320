import {
  MAX_JSON_FILE_BYTES,
  parseJsonText,
  type ParsedJson
} from '../../core';

/** Reads a chosen file as JSON in the browser, checking its size before reading it. */
export async function readJsonFile(file: File): Promise<ParsedJson> {
  if (file.size > MAX_JSON_FILE_BYTES) {
    return parseJsonText('', file.size);
  }
  return parseJsonText(await readText(file), file.size);
}

function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') {
    return file.text();
  }
  // jsdom (the unit tests) has FileReader but not Blob.text().
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}
