package io.portico.graphql;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON maps, GraphQL responses among them, are written by {@link ResponseJsonEncoder}.
 */
@Configuration(proxyBeanMethods = false)
class JsonCodecs {

	@Bean
	CodecCustomizer responseJsonEncoder(JsonMapper mapper) {
		return (codecs) -> codecs.customCodecs().register(new ResponseJsonEncoder(mapper));
	}

}
