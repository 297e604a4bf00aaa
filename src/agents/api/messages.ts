/**
 * The opening messages of an api session (SPEC §10.3): oompah's fixed system
 * message, console history when there is any (§16.3, already translated to
 * chat messages or a text preamble), and the rendered prompt as the first user
 * message — a plain string, or content parts when images or audio are inlined.
 */
import type {
  ChatCompletionContentPart,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import type { AgentTool, BackendHistory, PromptContent } from "../backend.js";
import type { ChatMessage } from "./history.js";
import type { AssembledResponse } from "./stream.js";

export const SYSTEM_MESSAGE = [
  "You are oompah's autonomous coding agent, working alone in a git worktree of the project.",
  "Use the tools to read, search, edit and run commands; every path stays inside the worktree.",
  "Nobody watches the session: never ask for permission or confirmation, decide and proceed.",
  "Do not commit or push; oompah commits and delivers your changes.",
  "When the task is done, call `finish` with a short summary (set no_changes_needed when nothing had to change).",
  "Use `ask_question` only for information a human must provide.",
].join("\n");

function audioFormat(mime: string): "wav" | "mp3" {
  return /mpeg|mp3/i.test(mime) ? "mp3" : "wav";
}

function userContent(
  prompt: PromptContent,
  preamble: string,
): string | ChatCompletionContentPart[] {
  const text = preamble ? `${preamble}\n\n${prompt.text}` : prompt.text;
  if (prompt.parts.length === 0) return text;
  const parts: ChatCompletionContentPart[] = [{ type: "text", text }];
  for (const p of prompt.parts) {
    if (p.type === "text") parts.push({ type: "text", text: p.text });
    else if (p.type === "image")
      parts.push({
        type: "image_url",
        image_url: { url: `data:${p.mime_type};base64,${p.data_base64}` },
      });
    else
      parts.push({
        type: "input_audio",
        input_audio: { data: p.data_base64, format: audioFormat(p.mime_type) },
      });
  }
  return parts;
}

/** System message, console history, then the prompt. */
export function openingMessages(prompt: PromptContent, history?: BackendHistory): ChatMessage[] {
  const prior =
    history?.format === "chat_messages"
      ? (history.messages as ChatMessage[]).filter((m) => m.role !== "system")
      : [];
  const preamble = history?.format === "text_preamble" ? history.text : "";
  return [
    { role: "system", content: SYSTEM_MESSAGE },
    ...prior,
    { role: "user", content: userContent(prompt, preamble) },
  ];
}

/** The function schemas sent as `tools`. */
export function toolSchemas(tools: readonly AgentTool[]): ChatCompletionTool[] {
  return tools.map((t) => ({
    type: "function",
    function: { name: t.name, description: t.description, parameters: { ...t.parameters } },
  }));
}

/** The assistant message that records a response in the history. */
export function assistantMessage(r: AssembledResponse): ChatMessage {
  return {
    role: "assistant",
    content: r.text || null,
    ...(r.toolCalls.length
      ? {
          tool_calls: r.toolCalls.map((c) => ({
            id: c.id,
            type: "function" as const,
            function: { name: c.name, arguments: c.arguments },
          })),
        }
      : {}),
  };
}
