package io.portico.content;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.shared.PorticoException;
import io.portico.shared.UnreadBodies;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The signed URLs themselves: {@code PUT /files/{token}} (the bytes as the body) or
 * {@code POST} (a browser form, multipart, the file in any part) adds a version;
 * {@code GET} downloads one, whole or a {@code Range} of it. The token is the only
 * credential; refusals answer 4xx with a GraphQL-style error body.
 */
@Configuration(proxyBeanMethods = false)
class FileEndpoints {

	private static final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

	@Bean
	RouterFunction<ServerResponse> fileRoutes(ContentService content) {
		return route()
			.PUT("/files/{token}", (request) -> upload(content, request, request.bodyToFlux(DataBuffer.class)))
			.POST("/files/{token}", (request) -> upload(content, request, fileOf(request)))
			.GET("/files/{token}", (request) -> download(content, request))
			.build();
	}

	private static Mono<ServerResponse> upload(ContentService content, ServerRequest request, Flux<DataBuffer> body) {
		long length = request.headers().contentLength().orElse(-1);
		return content.upload(request.pathVariable("token"), body, length)
			.flatMap(
					(version) -> ServerResponse.status(HttpStatus.CREATED)
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("documentId", version.documentId().toString(), "version", version.number(),
								"sizeBytes", version.sizeBytes(), "contentType", version.contentType(), "sha256",
								version.sha256())))
			.onErrorResume(PorticoException.class,
					(failure) -> UnreadBodies.drop(request.bodyToFlux(DataBuffer.class)).then(refusal(failure)));
	}

	/** The bytes of the form's file part; other parts are let go of. */
	private static Flux<DataBuffer> fileOf(ServerRequest request) {
		return request.bodyToFlux(PartEvent.class).handle((event, sink) -> {
			if (event instanceof FilePartEvent) {
				sink.next(event.content());
			}
			else {
				DataBufferUtils.release(event.content());
			}
		});
	}

	private static Mono<ServerResponse> download(ContentService content, ServerRequest request) {
		return content.download(request.pathVariable("token")).flatMap((download) -> {
			DocumentVersion version = download.version();
			long size = version.sizeBytes();
			List<HttpRange> ranges;
			try {
				ranges = request.headers().range();
			}
			catch (IllegalArgumentException ex) {
				ranges = List.of();
			}
			long from = 0;
			long to = size - 1;
			HttpStatus status = HttpStatus.OK;
			if (ranges.size() == 1) {
				HttpRange range = ranges.get(0);
				if (size == 0 || range.getRangeStart(size) >= size) {
					return ServerResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
						.header(HttpHeaders.CONTENT_RANGE, "bytes */" + size)
						.build();
				}
				from = range.getRangeStart(size);
				to = range.getRangeEnd(size);
				status = HttpStatus.PARTIAL_CONTENT;
			}
			ServerResponse.BodyBuilder response = ServerResponse.status(status)
				.contentType(MediaType.parseMediaType(version.contentType()))
				.contentLength(to - from + 1)
				.eTag("\"" + version.sha256() + "\"")
				.header(HttpHeaders.ACCEPT_RANGES, "bytes")
				.header("X-Content-Type-Options", "nosniff")
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment()
							.filename(download.fileName(), StandardCharsets.UTF_8)
							.build()
							.toString());
			if (status == HttpStatus.PARTIAL_CONTENT) {
				response.header(HttpHeaders.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + size);
			}
			return response.body(BodyInserters.fromDataBuffers(download.bytes(from, to).map(buffers::wrap)));
		}).onErrorResume(PorticoException.class, FileEndpoints::refusal);
	}

	private static Mono<ServerResponse> refusal(PorticoException failure) {
		HttpStatus status = switch (failure.code()) {
			case "TOO_LARGE" -> HttpStatus.CONTENT_TOO_LARGE;
			case "CONTENT_TYPE_NOT_ALLOWED" -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			default -> (failure instanceof PorticoException.NotFound) ? HttpStatus.NOT_FOUND
					: (failure instanceof PorticoException.Forbidden) ? HttpStatus.FORBIDDEN
							: (failure instanceof PorticoException.Conflict) ? HttpStatus.CONFLICT
									: HttpStatus.BAD_REQUEST;
		};
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", failure.code());
		extensions.put("classification", status.name());
		extensions.putAll(failure.details());
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("errors", List.of(Map.of("message", failure.getMessage(), "extensions", extensions))));
	}

}
