import { describe, expect, it } from "vitest";
import { backend, drain, fakeServer, provider, sessionOpts } from "./api-harness.js";

const PNG = Buffer.from("89504e470d0a1a0a", "hex").toString("base64");
const MP3 = Buffer.from("494433", "hex").toString("base64");
const WAV = Buffer.from("52494646", "hex").toString("base64");

describe("api backend: inline prompt parts (SPEC §10.3 messages)", () => {
  it("sends images as data-URL image_url parts and audio as input_audio parts in the first user message", async () => {
    const fake = await fakeServer();
    fake.enqueue({ toolCalls: [{ name: "finish", arguments: { summary: "looked at them" } }] });
    const opts = sessionOpts(provider(fake.baseUrl), {
      prompt: {
        text: "Compare the screenshot with the recording.",
        parts: [
          { type: "image", mime_type: "image/png", data_base64: PNG, name: "shot.png" },
          { type: "audio", mime_type: "audio/mpeg", data_base64: MP3, name: "voice.mp3" },
          { type: "audio", mime_type: "audio/wav", data_base64: WAV, name: "beep.wav" },
          { type: "text", text: "The attachment notes." },
        ],
      },
    });
    await drain((await backend().startSession(opts)).events);
    const first = fake.chatRequests()[0]!.body!.messages!;
    expect(first[0]).toMatchObject({ role: "system" });
    expect(first[1]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "Compare the screenshot with the recording." },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
        { type: "input_audio", input_audio: { data: MP3, format: "mp3" } },
        { type: "input_audio", input_audio: { data: WAV, format: "wav" } },
        { type: "text", text: "The attachment notes." },
      ],
    });
  });

  it("sends a text-only prompt as a plain string", async () => {
    const fake = await fakeServer();
    fake.enqueue({ toolCalls: [{ name: "finish", arguments: { summary: "done" } }] });
    await drain((await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events);
    expect(fake.chatRequests()[0]!.body!.messages![1]).toEqual({
      role: "user",
      content: "Fix the bug in a.ts",
    });
  });
});
