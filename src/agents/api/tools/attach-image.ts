/**
 * `attach_image` (§10.2, §14.5): validates the source (inside the worktree,
 * an allowed image type by its magic bytes, within the size cap) and hands it
 * to the attachment store through an injected port, which copies it to the
 * issue's `outputs/` and records it when the run finishes.
 */
import { open, stat } from "node:fs/promises";
import { z } from "zod";
import { OompahError } from "../../../domain/errors.js";
import { resolveInsideWorktree } from "../../../workspace/contain.js";
import { defineTool, loadDescription } from "./define-tool.js";
import { fsError } from "./file-errors.js";

/** Default per-file cap (`attachments.max_file_bytes`). */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

/** Stores one agent-generated image; returns its stored name. */
export type AttachImage = (image: {
  runId: string;
  /** Real absolute path inside the worktree. */
  path: string;
  mimeType: string;
  caption?: string;
}) => Promise<{ name: string }>;

export const attachImageParameters = z.object({
  path: z.string().min(1).describe("Image file to attach, relative to the worktree root"),
  caption: z.string().max(500).optional().describe("Short caption shown with the image"),
});

/** The image MIME type of `head` (first bytes of a file), or null. */
export function imageMimeType(head: Buffer): string | null {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  const ascii = head.toString("latin1");
  if (ascii.startsWith("GIF87a") || ascii.startsWith("GIF89a")) return "image/gif";
  if (ascii.startsWith("RIFF") && ascii.slice(8, 12) === "WEBP") return "image/webp";
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head.toString("utf8")))
    return "image/svg+xml";
  return null;
}

export function attachImageTool(opts: { attach: AttachImage; maxBytes?: number }) {
  const max = opts.maxBytes ?? MAX_IMAGE_BYTES;
  return defineTool({
    name: "attach_image",
    kind: "other",
    description: loadDescription(new URL("./attach-image.txt", import.meta.url)),
    parameters: attachImageParameters,
    async execute(args, ctx) {
      const abs = resolveInsideWorktree(ctx.worktree, args.path);
      const info = await stat(abs).catch((e: unknown) => {
        throw fsError(e, args.path);
      });
      if (info.size > max) {
        throw new OompahError(
          "attachment_too_large",
          `${args.path} is ${info.size} bytes; the limit is ${max}`,
        );
      }
      const handle = await open(abs, "r");
      const head = Buffer.alloc(512);
      try {
        await handle.read(head, 0, head.length, 0);
      } finally {
        await handle.close();
      }
      const mimeType = imageMimeType(head);
      if (mimeType === null) {
        throw new OompahError(
          "attachment_type_not_allowed",
          `${args.path} is not a PNG, JPEG, GIF, WebP or SVG image`,
        );
      }
      const stored = await opts.attach({
        runId: ctx.runId,
        path: abs,
        mimeType,
        ...(args.caption === undefined ? {} : { caption: args.caption }),
      });
      return `attached ${stored.name}`;
    },
  });
}
