// PDF pages rendered offline with pdf.js (bundled with the app, its worker included): nothing is
// fetched from the network. Loaded on first use, so the app starts without it.
import type { PDFDocumentProxy } from 'pdfjs-dist';

export interface PdfDocument {
  readonly pages: number;
  /** Draws page `number` (1-based) into `canvas`, `width` CSS pixels wide. */
  render(number: number, canvas: HTMLCanvasElement, width: number): Promise<void>;
  destroy(): Promise<void>;
}

let library: Promise<typeof import('pdfjs-dist')> | null = null;

async function pdfjs(): Promise<typeof import('pdfjs-dist')> {
  library ??= (async () => {
    const [lib, worker] = await Promise.all([
      import('pdfjs-dist'),
      import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
    ]);
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  })();
  return library;
}

/** Opens a PDF from its bytes. */
export async function openPdf(bytes: ArrayBuffer): Promise<PdfDocument> {
  const lib = await pdfjs();
  const proxy: PDFDocumentProxy = await lib.getDocument({
    data: new Uint8Array(bytes),
    // No code is compiled from a document, and nothing is fetched from the network.
    isEvalSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    // pdf.js's own data, built into the app (vite.config.ts): the standard fonts and the
    // WebAssembly decoders, e.g. for the JPEG 2000 pages of a scanned proposal. Read by this
    // window from the app's own files.
    standardFontDataUrl: new URL('pdfjs/standard_fonts/', document.baseURI).href,
    wasmUrl: new URL('pdfjs/wasm/', document.baseURI).href,
    useWorkerFetch: false,
  }).promise;
  let task: { cancel(): void; promise: Promise<void> } | null = null;
  // Counts render requests: only the latest one draws.
  let latest = 0;
  return {
    pages: proxy.numPages,
    async render(number, canvas, width) {
      const ticket = ++latest;
      const previous = task;
      previous?.cancel();
      // pdf.js refuses a second drawing on a canvas until the first has stopped.
      await previous?.promise.catch(() => undefined);
      if (ticket !== latest) return;
      const page = await proxy.getPage(number);
      // From here to the start of the drawing nothing waits, so no other request comes between.
      if (ticket !== latest) return;
      const base = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (width / base.width) * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      const current = page.render({ canvas, viewport });
      task = current;
      try {
        await current.promise;
      } catch (error) {
        if ((error as { name?: string }).name !== 'RenderingCancelledException') throw error;
      }
    },
    async destroy() {
      task?.cancel();
      await proxy.destroy();
    },
  };
}
